import { countAxis, labelEvery } from './chart-scale';

describe('chart scale', () => {
  it.each([
    [0, 1, [0, 1]],
    [1, 1, [0, 1]],
    [3, 3, [0, 1, 2, 3]],
    [4, 4, [0, 1, 2, 3, 4]],
    [5, 6, [0, 2, 4, 6]],
    [17, 20, [0, 5, 10, 15, 20]],
    [95, 100, [0, 50, 100]],
    [120, 150, [0, 50, 100, 150]],
  ])('a maximum of %d gets the top %d and ticks %j', (max, top, ticks) => {
    expect(countAxis(max)).toEqual({ top, ticks });
  });

  it.each([
    [14, 600, 2],
    [7, 600, 1],
    [90, 300, 15],
    [14, 0, 1],
  ])('%d days over %d px: a label every %d', (days, width, every) => {
    expect(labelEvery(days, width)).toBe(every);
  });
});
