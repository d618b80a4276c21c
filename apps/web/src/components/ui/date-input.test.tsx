import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DateInput, isCompleteDate } from './date-input';

describe('date input', () => {
  it.each([
    ['', true],
    ['0002-03-15', false],
    ['0020-03-15', false],
    ['0202-03-15', false],
    ['2026-03-15', true],
    ['1000-01-01', true],
  ])('%j is complete: %s', (value, complete) => {
    expect(isCompleteDate(value)).toBe(complete);
  });

  it('reports 03152026 typed digit by digit once, not once per year on the way', () => {
    const onCommit = vi.fn();
    render(<DateInput aria-label="From" value={undefined} onCommit={onCommit} />);
    const from = screen.getByLabelText('From');
    // What Chromium's date field reports while the year is typed: 0002, 0020, 0202, 2026.
    for (const value of ['0002-03-15', '0020-03-15', '0202-03-15', '2026-03-15'])
      fireEvent.change(from, { target: { value } });
    expect(onCommit).toHaveBeenCalledTimes(1);
    expect(onCommit).toHaveBeenCalledWith('2026-03-15');
    expect((from as HTMLInputElement).value).toBe('2026-03-15');
  });

  it('reports an emptied field as no date', () => {
    const onCommit = vi.fn();
    render(<DateInput aria-label="To" value="2026-03-31" onCommit={onCommit} />);
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '' } });
    expect(onCommit).toHaveBeenCalledWith(undefined);
  });
});
