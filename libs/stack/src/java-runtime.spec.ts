import { parseJavaMajorVersion } from './java-runtime';

describe('parseJavaMajorVersion', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)', 17],
    ['openjdk version "25" 2025-09-16\nOpenJDK Runtime Environment Temurin-25+36', 25],
    ['openjdk version "21.0.2" 2024-01-16 LTS', 21],
    ['java version "1.8.0_292"\nJava(TM) SE Runtime Environment', 8],
    ['openjdk version "26-ea" 2026-03-17', 26],
    ['Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "17.0.1" 2021-10-19', 17],
  ])('reads %j as %i', (output, major) => {
    expect(parseJavaMajorVersion(output)).toBe(major);
  });

  it('gives up on output that is not a version', () => {
    expect(parseJavaMajorVersion('bash: java: command not found')).toBeUndefined();
    expect(parseJavaMajorVersion('openjdk version "x"')).toBeUndefined();
  });
});
