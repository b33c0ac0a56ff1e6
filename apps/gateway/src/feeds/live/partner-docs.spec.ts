/**
 * The partner docs (docs/partners/) are outside the TypeScript projects: this keeps them
 * honest. The receiver example type-checks and verifies, with its own function, a webhook
 * signed as CPX signs one; the AsyncAPI document names every topic and event type.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Webhook } from 'standardwebhooks';
import * as ts from 'typescript';
import { AlertsEvents, DirectoryEvents, FeedsEvents } from '@cpx/contracts';

const DOCS = path.resolve(__dirname, '../../../../../docs/partners');
const EXAMPLE = path.join(DOCS, 'receiver-example.ts');

interface ReceiverExample {
  verifyCpxWebhook(secret: string, headers: Record<string, string>, body: string): { type: string } | undefined;
}

describe('docs/partners', () => {
  it('the receiver example type-checks', () => {
    const configFile = ts.readConfigFile(path.resolve(__dirname, '../../../../../tsconfig.base.json'), (file) => ts.sys.readFile(file));
    const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, path.dirname(EXAMPLE));
    const program = ts.createProgram([EXAMPLE], { ...options, noEmit: true });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(problems).toEqual([]);
  }, 60_000);

  it('the receiver example verifies a webhook signed with the subscription secret, and refuses a forged one', () => {
    const example = require(EXAMPLE) as ReceiverExample; // eslint-disable-line @typescript-eslint/no-require-imports -- outside the project, loaded by path on purpose
    const secret = 'whsec_' + Buffer.from('a partner subscription secret').toString('base64');
    const body = '{"type":"cpx.alerts.v1.AlertPosted","timestamp":"2026-02-01T08:00:00.000Z","data":{"id":"e-1","subject":"alerts/a-1","countries":["FR"]}}';
    const now = new Date();
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign('msg_1', now, body) };
    expect(example.verifyCpxWebhook(secret, headers, body)?.type).toBe('cpx.alerts.v1.AlertPosted');
    expect(example.verifyCpxWebhook(secret, headers, body.replace('FR', 'RS'))).toBeUndefined();
    expect(example.verifyCpxWebhook('whsec_' + Buffer.from('another secret').toString('base64'), headers, body)).toBeUndefined();
  });

  it('the AsyncAPI document describes every event topic and event type', () => {
    // Read as text: no YAML parser is a dependency of ours, and the lines are regular.
    const text = readFileSync(path.join(DOCS, 'asyncapi.yaml'), 'utf8');
    const values = (key: string) => [...text.matchAll(new RegExp(`^\\s+${key}: (\\S+)$`, 'gm'))].map((match) => match[1]);
    expect(text).toMatch(/^asyncapi: 3\.0\.0$/m);
    const addresses = values('address');
    const kafkaTitles = values('title');
    const webhookNames = values('name');
    for (const family of [DirectoryEvents, AlertsEvents, FeedsEvents]) {
      expect(addresses).toContain(family.topic);
      for (const { type } of Object.values(family.types)) expect(kafkaTitles).toContain(type);
    }
    // Operational feeds events are not in any partner feed; every domain event is a webhook.
    for (const family of [DirectoryEvents, AlertsEvents]) {
      for (const { type } of Object.values(family.types)) expect(webhookNames).toContain(type);
    }
  });
});
