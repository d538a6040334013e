// Turns a type text as system_schema reports it (`frozen<map<text, frozen<list<int>>>>`,
// `vector<float, 3>`, `frozen<"Address">`) into the `t.*` expression that declares it.
import { ConfigurationError } from '@cassia/core';

const NATIVE = new Set([
  'ascii', 'text', 'varchar', 'int', 'bigint', 'smallint', 'tinyint', 'varint', 'float', 'double', 'decimal', 'boolean',
  'uuid', 'timeuuid', 'timestamp', 'date', 'time', 'duration', 'blob', 'inet', 'counter',
]);

/** The `t.*` source of a column or field type; `typeIdentifier(name)` names the defineType constant of a user type. */
export function cqlTypeSource(text: string, typeIdentifier: (typeName: string) => string): string {
  const parser = new TypeTextParser(text, typeIdentifier);
  const source = parser.type();
  parser.end();
  return source;
}

/** The user type names a type text refers to (unquoted). */
export function userTypesIn(text: string): string[] {
  const names: string[] = [];
  cqlTypeSource(text, (name) => {
    names.push(name);
    return 'x';
  });
  return names;
}

class TypeTextParser {
  #at = 0;

  constructor(
    private readonly text: string,
    private readonly typeIdentifier: (typeName: string) => string,
  ) {}

  type(): string {
    const name = this.#name();
    if (name.quoted) return `t.udt(${this.typeIdentifier(name.text)})`;
    const lower = name.text.toLowerCase();
    switch (lower) {
      case 'frozen':
        return `t.frozen(${this.#arguments(1)[0]})`;
      case 'list':
      case 'set':
        return `t.${lower}(${this.#arguments(1)[0]})`;
      case 'map':
        return `t.map(${this.#arguments(2).join(', ')})`;
      case 'tuple':
        return `t.tuple(${this.#arguments(-1).join(', ')})`;
      case 'vector': {
        this.#expect('<');
        const element = this.type();
        this.#expect(',');
        const dimension = /^\s*(\d+)/.exec(this.text.slice(this.#at));
        if (dimension === null) throw this.#error('a vector dimension');
        this.#at += dimension[0].length;
        this.#expect('>');
        return `t.vector(${element}, ${dimension[1]})`;
      }
      default:
        if (NATIVE.has(lower)) return `t.${lower}()`;
        return `t.udt(${this.typeIdentifier(name.text)})`;
    }
  }

  end(): void {
    if (this.text.slice(this.#at).trim() !== '') throw this.#error('the end of the type');
  }

  #arguments(count: number): string[] {
    this.#expect('<');
    const list = [this.type()];
    while (this.#peek() === ',') {
      this.#at = this.text.indexOf(',', this.#at) + 1;
      list.push(this.type());
    }
    this.#expect('>');
    if (count !== -1 && list.length !== count) throw this.#error(`${count} type argument(s)`);
    return list;
  }

  #name(): { text: string; quoted: boolean } {
    const rest = this.text.slice(this.#at);
    const quoted = /^\s*"((?:[^"]|"")+)"/.exec(rest);
    if (quoted !== null) {
      this.#at += quoted[0].length;
      return { text: quoted[1].replace(/""/g, '"'), quoted: true };
    }
    const bare = /^\s*([A-Za-z_][A-Za-z0-9_.]*)/.exec(rest);
    if (bare === null) throw this.#error('a type name');
    this.#at += bare[0].length;
    // A type from another keyspace is reported as ks.name; the model refers to it by name.
    const text = bare[1].includes('.') ? bare[1].slice(bare[1].lastIndexOf('.') + 1) : bare[1];
    return { text, quoted: false };
  }

  #peek(): string {
    return this.text.slice(this.#at).trimStart()[0] ?? '';
  }

  #expect(char: string): void {
    if (this.#peek() !== char) throw this.#error(`'${char}'`);
    this.#at = this.text.indexOf(char, this.#at) + 1;
  }

  #error(expected: string): ConfigurationError {
    return new ConfigurationError(`Cannot read the type ${JSON.stringify(this.text)}: expected ${expected} at position ${this.#at}.`);
  }
}
