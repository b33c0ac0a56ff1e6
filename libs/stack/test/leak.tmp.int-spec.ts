import { startStack } from '@cpx/stack';
test('leaks the stack on purpose', async () => {
  const stack = await startStack({ instance: 'leak-test' });
  expect(stack.kafkaBrokers.length).toBe(1);
}, 120_000);
