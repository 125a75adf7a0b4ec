import { describe, expect, it } from 'vitest';
import { exitText } from '../../../../renderer/job/exitText';

describe('exitText', () => {
  it('names the worst task of an array, says when every task exited 0, and leaves a single job plain', () => {
    expect(exitText({ code: 3, signal: 0, task: 5 }, true)).toBe('3 (task 5, the worst of the array)');
    expect(exitText({ code: 0, signal: 0 }, true)).toBe('0 (every task)');
    expect(exitText({ code: 0, signal: 9 }, false)).toBe('0 (signal 9)');
    expect(exitText(null, true)).toBe('—');
  });
});
