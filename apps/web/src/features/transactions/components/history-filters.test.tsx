import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { HistoryFilters, isCompleteDate } from './history-filters';

describe('date filters', () => {
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

  it('send one request for 03152026 typed digit by digit, not one per year on the way', () => {
    const onChange = vi.fn();
    render(<HistoryFilters filters={{}} categories={[]} onChange={onChange} />);
    const from = screen.getByLabelText('From');
    // What Chromium's date field reports while the year is typed: 0002, 0020, 0202, 2026.
    for (const value of ['0002-03-15', '0020-03-15', '0202-03-15', '2026-03-15'])
      fireEvent.change(from, { target: { value } });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ from: '2026-03-15' });
    expect((from as HTMLInputElement).value).toBe('2026-03-15');
  });

  it('clears the filter when the date is emptied', () => {
    const onChange = vi.fn();
    render(<HistoryFilters filters={{ to: '2026-03-31' }} categories={[]} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '' } });
    expect(onChange).toHaveBeenCalledWith({});
  });
});
