import { parseStat } from './process-tree';

describe('parseStat', () => {
  it('reads ppid and CPU ticks after a command name holding spaces and parentheses', () => {
    // Fields 3.. : state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
    const stat = '4242 (node (worker) 1) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 11 0';
    expect(parseStat(4242, stat)).toEqual({ pid: 4242, ppid: 17, comm: 'node (worker) 1', cpuTicks: 310 });
  });

  it('ignores what is not a stat line (a process that exited while listed)', () => {
    expect(parseStat(1, '')).toBeUndefined();
  });
});
