/**
 * TensorFlow.js logs accuracy as 'acc' (and 'val_acc') whatever the program asked for, and tfjs programs read
 * `logs.acc`. Rectify keys the logs by the name as written ('accuracy' stays 'accuracy'); for tfjs programs the
 * other spelling is there too, as a non-enumerable alias, so it never shows up in Object.keys, the History's keys
 * or files written from the logs.
 * @example withTfjsAliases({ accuracy: 0.9 }).acc; // → 0.9
 */
export function withTfjsAliases<T extends object>(logs: T): T {
  const record = logs as Record<string, unknown>;
  for (const [name, alias] of [
    ['accuracy', 'acc'],
    ['val_accuracy', 'val_acc'],
  ] as const) {
    if (Object.hasOwn(record, name) && !Object.hasOwn(record, alias)) {
      Object.defineProperty(record, alias, { get: () => record[name], enumerable: false, configurable: true });
    }
  }
  return logs;
}
