/**
 * A strict reader of distinguished names in certplane's printed form (RFC 4514 values; `, ` between
 * RDNs and ` + ` inside one, as openssl prints): specs read `subject`/`issuer` outputs back with it to
 * show every value survives the printing. Unescaped `"`, `;`, `<`, `>` or `\` are errors, so a printer
 * that forgets to escape them fails the specs.
 */

/** One attribute read back: its type as printed, and its value (or the `#` hex of its BER). */
export interface ReadAttribute {
  type: string;
  value?: string;
  hex?: string;
}

/** Reads `dn` into RDNs of attributes; throws on anything RFC 4514 does not allow. */
export function readDistinguishedName(dn: string): ReadAttribute[][] {
  const rdns: ReadAttribute[][] = [];
  let rdn: ReadAttribute[] = [];
  let i = 0;
  while (i < dn.length) {
    while (dn[i] === " ") i++;
    const equals = dn.indexOf("=", i);
    if (equals < 0) throw new Error(`no "=" in ${JSON.stringify(dn.slice(i))}`);
    const type = dn.slice(i, equals);
    if (!/^([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)+)$/.test(type)) {
      throw new Error(`bad attribute type ${JSON.stringify(type)}`);
    }
    i = equals + 1;
    if (dn[i] === "#") {
      const hex = /^#([0-9A-Fa-f]*)/.exec(dn.slice(i))?.[1] ?? "";
      i += 1 + hex.length;
      rdn.push({ type, hex: hex.toUpperCase() });
    } else {
      const bytes: number[] = [];
      let escapedUpTo = 0;
      while (i < dn.length && dn[i] !== "," && dn[i] !== "+") {
        if (dn[i] === "\\") {
          const pair = dn.slice(i + 1, i + 3);
          if (/^[0-9A-Fa-f]{2}$/.test(pair)) {
            bytes.push(parseInt(pair, 16));
            i += 3;
          } else {
            const escaped = String.fromCodePoint(dn.codePointAt(i + 1) ?? NaN);
            if (!' "#+,;<=>\\'.includes(escaped)) {
              throw new Error(`"\\${escaped}" is not an RFC 4514 escape`);
            }
            bytes.push(...Buffer.from(escaped));
            i += 2;
          }
          escapedUpTo = bytes.length;
        } else if ('";<>'.includes(dn[i])) {
          throw new Error(`unescaped ${JSON.stringify(dn[i])} at ${i} of ${JSON.stringify(dn)}`);
        } else {
          const ch = String.fromCodePoint(dn.codePointAt(i) as number);
          bytes.push(...Buffer.from(ch));
          i += ch.length;
        }
      }
      // Unescaped spaces before a separator belong to the separator.
      let end = bytes.length;
      while (end > escapedUpTo && bytes[end - 1] === 0x20) end--;
      rdn.push({ type, value: Buffer.from(bytes.slice(0, end)).toString("utf8") });
    }
    while (dn[i] === " ") i++;
    if (dn[i] === "+") {
      i++;
      continue;
    }
    rdns.push(rdn);
    rdn = [];
    if (dn[i] === ",") i++;
    else if (i < dn.length) throw new Error(`expected "," at ${i} of ${JSON.stringify(dn)}`);
  }
  return rdns;
}
