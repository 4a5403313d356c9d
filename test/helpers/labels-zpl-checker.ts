// A small ZPL II checker for the label tests: splits a ZPL stream into labels (every ^XA closed by
// its ^XZ, nothing printable outside one), fields (^FD … ^FS, with ^FH hex escapes undone) and
// Code 128 barcodes, whose ^FD data it decodes from Zebra's invocation characters (">;" start C,
// ">:" start B, ">9" start A, ">5/>6/>7" switch to C/B/A, ">8" FNC1; ZPL II Programming Guide, ^BC)
// into GS1 element strings. Problems come back as words, so a test can assert there are none.

export interface ZplBarcode {
  /** Starts with FNC1: a GS1-128 symbol. */
  gs1: boolean;
  /** The element strings, AI and data (GS1 AIs 00 fixed 18 digits, the others up to the next FNC1). */
  elements: Array<{ ai: string; data: string }>;
  /** ^BY module width in dots. */
  module: number;
  height: number;
}

export interface ZplLabel {
  texts: string[];
  barcodes: ZplBarcode[];
  commands: string[];
}

export interface ZplCheck {
  labels: ZplLabel[];
  problems: string[];
}

/** Commands a label printer accepts that these labels may use; anything else is reported. */
const KNOWN = new Set(["XA", "XZ", "CI", "PW", "LL", "LH", "FO", "FT", "A0", "FB", "FH", "FD", "FS", "GB", "BY", "BC", "PQ", "FX", "PR", "MD"]);

/** Fixed-length GS1 AIs the labels use (General Specifications §3.2); others run to FNC1 or the end. */
const FIXED: Record<string, number> = { "00": 18 };
const VARIABLE_AIS = ["420", "421", "400", "401", "10", "21", "30", "37"];

function unescapeFh(data: string, problems: string[]): string {
  return data.replace(/_(..)/g, (whole, hex: string) => {
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
      problems.push(`^FH escape ${whole} is not two hex digits`);
      return whole;
    }
    return String.fromCharCode(parseInt(hex, 16));
  });
}

/** Decodes ^BC field data (mode N) into its characters, FNC1 as "\u001d" (GS). */
function decodeCode128(data: string, problems: string[]): string {
  let set: "A" | "B" | "C" | undefined;
  let out = "";
  for (let i = 0; i < data.length; ) {
    if (data[i] === ">") {
      const code = data[i + 1];
      i += 2;
      if (code === ";") set = "C";
      else if (code === ":") set = "B";
      else if (code === "9") set = "A";
      else if (code === "5") set = "C";
      else if (code === "6") set = "B";
      else if (code === "7") set = "A";
      else if (code === "8") out += "\u001d";
      else if (code === "0") out += ">";
      else problems.push(`^BC invocation >${code} is not handled by the checker`);
      continue;
    }
    if (set === undefined) set = "B"; // ^BC mode N without a start code begins in subset B
    if (set === "C") {
      const pair = data.slice(i, i + 2);
      if (!/^\d\d$/.test(pair)) {
        problems.push(`^BC subset C needs digit pairs, found "${pair}"`);
        return out;
      }
      out += pair;
      i += 2;
    } else {
      out += data[i];
      i += 1;
    }
  }
  return out;
}

function gs1Elements(text: string, problems: string[]): Array<{ ai: string; data: string }> {
  const elements: Array<{ ai: string; data: string }> = [];
  let rest = text;
  while (rest.length > 0) {
    if (rest[0] === "\u001d") {
      rest = rest.slice(1);
      continue;
    }
    const fixed = Object.keys(FIXED).find((ai) => rest.startsWith(ai));
    if (fixed) {
      elements.push({ ai: fixed, data: rest.slice(fixed.length, fixed.length + FIXED[fixed]!) });
      if (rest.length < fixed.length + FIXED[fixed]!) problems.push(`AI (${fixed}) needs ${FIXED[fixed]} digits, has ${rest.length - fixed.length}`);
      rest = rest.slice(fixed.length + FIXED[fixed]!);
      continue;
    }
    const variable = VARIABLE_AIS.find((ai) => rest.startsWith(ai));
    if (!variable) {
      problems.push(`no known GS1 AI at "${rest.slice(0, 8)}"`);
      return elements;
    }
    const end = rest.indexOf("\u001d");
    elements.push({ ai: variable, data: rest.slice(variable.length, end < 0 ? undefined : end) });
    rest = end < 0 ? "" : rest.slice(end);
  }
  return elements;
}

export function checkZpl(zpl: string): ZplCheck {
  const problems: string[] = [];
  const labels: ZplLabel[] = [];
  let current: ZplLabel | undefined;
  let fh = false;
  let pendingBarcode: { module: number; height: number } | undefined;
  let by = { module: 2, height: 10 };
  const tokens = zpl.split(/(?=[\^~])/);
  if (tokens[0] && !/^[\^~]/.test(tokens[0]) && tokens[0].trim() !== "") problems.push(`text before the first command: "${tokens[0].slice(0, 20)}"`);
  let fieldOpen = false;
  for (const token of tokens) {
    if (!/^[\^~]/.test(token)) continue;
    const code = token.slice(1, 3).toUpperCase();
    const params = token.slice(3);
    if (!KNOWN.has(code)) problems.push(`unknown or unexpected command ^${code}`);
    if (code === "XA") {
      if (current) problems.push("^XA inside a label (the previous ^XA has no ^XZ)");
      current = { texts: [], barcodes: [], commands: [] };
      continue;
    }
    if (!current) {
      if (token.trim().length > 0) problems.push(`^${code} outside any ^XA … ^XZ`);
      continue;
    }
    current.commands.push(code);
    if (code === "XZ") {
      if (fieldOpen) problems.push("^XZ with a field not closed by ^FS");
      labels.push(current);
      current = undefined;
      fieldOpen = false;
      continue;
    }
    // Field data keeps its trailing whitespace up to the next command; other commands drop the newline.
    const args = code === "FD" ? params.replace(/\n$/, "") : params.trim();
    if (code === "FO" || code === "FT") {
      if (fieldOpen) problems.push(`^${code} before the previous field's ^FS`);
      fieldOpen = true;
      if (!/^\d+,\d+$/.test(args)) problems.push(`^${code}${args}: x,y expected`);
    } else if (code === "BY") {
      const [m, , h] = args.split(",").map(Number);
      if (!(m! >= 1 && m! <= 10)) problems.push(`^BY module width ${args}`);
      by = { module: m!, height: h ?? by.height };
    } else if (code === "BC") {
      const [o, h, ...flags] = args.split(",");
      if (!["N", "R", "I", "B"].includes(o!) || !(Number(h) > 0) || flags.some((f) => !["Y", "N", "U", "A", "D", ""].includes(f))) problems.push(`^BC${args}: bad parameters`);
      pendingBarcode = { module: by.module, height: Number(h) };
    } else if (code === "FH") {
      fh = true;
    } else if (code === "FD") {
      if (!fieldOpen) problems.push("^FD without ^FO");
      if (pendingBarcode) {
        const text = decodeCode128(args, problems);
        const gs1 = text.startsWith("\u001d");
        current.barcodes.push({ gs1, elements: gs1 ? gs1Elements(text, problems) : [{ ai: "", data: text }], ...pendingBarcode });
      } else {
        current.texts.push(fh ? unescapeFh(args, problems) : args);
      }
    } else if (code === "FS") {
      if (!fieldOpen) problems.push("^FS without a field");
      fieldOpen = false;
      fh = false;
      pendingBarcode = undefined;
    }
  }
  if (current) problems.push("the last ^XA is never closed by ^XZ");
  if (labels.length === 0) problems.push("no label (^XA … ^XZ) at all");
  return { labels, problems };
}
