import { describe, expect, it } from 'vitest';
import { parsePythonAssignment } from './python-literal.js';
import { retailDataDirectory, retailDataMissing } from './retail-data-directory.js';
import { loadRetailTasks, parseRetailTasks } from './retail-tasks.js';

const directory = retailDataDirectory();
if (directory === undefined) console.warn(retailDataMissing);

describe('the Python literal parser', () => {
  it('reads calls with keyword arguments, lists, dicts, tuples, numbers, True/False/None and comments', () => {
    const source = `from x import y\n\nVALUE = [  # the list\n  Call(a=1, b=-2.5, c=[True, False, None], d={"k": ('t', 3)},),\n]\n`;
    expect(parsePythonAssignment(source)).toEqual([
      { call: 'Call', args: { a: 1, b: -2.5, c: [true, false, null], d: { k: ['t', 3] } } },
    ]);
  });

  it('concatenates adjacent strings and decodes escapes as Python does', () => {
    expect(parsePythonAssignment(`X = ("a" 'b'\n  "c\\n\\t\\"q\\" \\x41\\u00e9")`)).toEqual(['abc\n\t"q" A\u00e9']);
  });

  it('refuses what is not a literal, naming the line', () => {
    expect(() => parsePythonAssignment('X = [\n  open("f")\n]')).toThrow(/line 2/);
    expect(() => parsePythonAssignment('X = [1, 2')).toThrow(/expected/);
    expect(() => parsePythonAssignment('X = "unterminated\n"')).toThrow(/unterminated/);
  });
});

describe('the task parser', () => {
  it('types a task and refuses one with a missing field', () => {
    const [task] = parseRetailTasks(
      `T = [Task(annotator="", user_id="u_1", instruction="hi", actions=[Action(name="think", kwargs={"thought": "x", "ids": ["1", "2"]})], outputs=["42"])]`,
    );
    expect(task).toEqual({
      userId: 'u_1',
      instruction: 'hi',
      actions: [{ name: 'think', kwargs: { thought: 'x', ids: ['1', '2'] } }],
      outputs: ['42'],
    });
    expect(() => parseRetailTasks('T = [Task(user_id="u", actions=[], outputs=[])]', 'tasks_x.py')).toThrow(
      /tasks_x\.py: 0\.args\.instruction/,
    );
  });

  it.skipIf(directory === undefined)('parses all 520 τ-bench retail tasks (20 dev, 500 train)', () => {
    const { dev, train } = loadRetailTasks(directory ?? '');
    expect(dev).toHaveLength(20);
    expect(train).toHaveLength(500);
    expect(dev[0]).toMatchObject({
      userId: 'olivia_ito_3591',
      actions: [{ name: 'cancel_pending_order', kwargs: { order_id: '#W5442520', reason: 'no longer needed' } }],
      outputs: [],
    });
    const names = new Set([...dev, ...train].flatMap((task) => task.actions.map((action) => action.name)));
    expect([...names].sort()).toEqual([
      'cancel_pending_order',
      'exchange_delivered_order_items',
      'modify_pending_order_address',
      'modify_pending_order_items',
      'modify_pending_order_payment',
      'return_delivered_order_items',
    ]);
  });
});
