import { describe, expect, it } from 'vitest';
import { Problem } from '@moneta/schema';
import { isProblem } from './api-client';

// The initial chunk checks problems by hand (no zod on the login page); it must agree with the contract.
describe('isProblem', () => {
  it.each([
    [{ type: 'about:blank', title: 'Bad', status: 400 }],
    [{ type: 'about:blank', title: 'Bad', status: 400, detail: 'why' }],
    [
      {
        type: 'about:blank',
        title: 'Bad',
        status: 400,
        errors: [{ path: 'amount', message: 'is required' }],
      },
    ],
    [{ type: 'about:blank', title: 'Bad', status: 400, errors: [] }],
    [{ type: 'about:blank', title: 'Bad', status: 400.5 }],
    [{ type: 'about:blank', title: 'Bad', status: '400' }],
    [{ type: 'about:blank', status: 400 }],
    [{ title: 'Bad', status: 400 }],
    [{ type: 'about:blank', title: 'Bad', status: 400, detail: null }],
    [{ type: 'about:blank', title: 'Bad', status: 400, errors: [{ path: 'amount' }] }],
    [{ type: 'about:blank', title: 'Bad', status: 400, errors: 'amount' }],
    [{ type: 'about:blank', title: 'Bad', status: 400, errors: [null] }],
    [null],
    ['problem'],
    [[]],
  ])('agrees with the Problem contract on %j', (value) => {
    expect(isProblem(value)).toBe(Problem.safeParse(value).success);
  });
});
