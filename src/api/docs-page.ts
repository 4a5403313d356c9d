// A readable API reference rendered server-side from the OpenAPI document: no external scripts or
// fonts, so it works offline and behind strict networks.

type Json = Record<string, unknown>;

const esc = (s: unknown) =>
  String(s ?? "").replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

function resolve(doc: Json, schema: Json | undefined): Json | undefined {
  let s = schema;
  for (let i = 0; s && typeof s.$ref === "string" && i < 10; i++) {
    const name = s.$ref.split("/").pop()!;
    s = ((doc.components as Json | undefined)?.schemas as Json | undefined)?.[name] as Json | undefined;
  }
  return s;
}

function typeLabel(doc: Json, schema: Json | undefined): string {
  const s = resolve(doc, schema);
  if (!s) return "any";
  if (schema && typeof schema.$ref === "string") return schema.$ref.split("/").pop()!;
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.type === "array") return `${typeLabel(doc, s.items as Json)}[]`;
  if (Array.isArray(s.anyOf)) return (s.anyOf as Json[]).map((x) => typeLabel(doc, x)).join(" | ");
  if (Array.isArray(s.type)) return s.type.join(" | ");
  return String(s.type ?? "object");
}

function fieldsTable(doc: Json, schema: Json | undefined): string {
  const s = resolve(doc, schema);
  const props = s?.properties as Record<string, Json> | undefined;
  if (!props) return schema ? `<p class="type">${esc(typeLabel(doc, schema))}</p>` : "";
  const required = new Set((s?.required as string[] | undefined) ?? []);
  const rows = Object.entries(props)
    .map(([name, p]) => {
      const r = resolve(doc, p);
      const notes = [r?.description, r?.pattern ? `pattern ${r.pattern}` : undefined].filter(Boolean).join("; ");
      return `<tr><td><code>${esc(name)}</code>${required.has(name) ? "" : " <span class=opt>optional</span>"}</td><td>${esc(typeLabel(doc, p))}</td><td>${esc(notes)}</td></tr>`;
    })
    .join("");
  return `<table><tr><th>Field</th><th>Type</th><th>Notes</th></tr>${rows}</table>`;
}

export function renderDocsPage(doc: Json): string {
  const info = (doc.info ?? {}) as Json;
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = ((op.tags as string[] | undefined) ?? ["Other"])[0]!;
      const params = ((op.parameters as Json[] | undefined) ?? [])
        .map((p) => `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ", required" : ""}) ${esc(typeLabel(doc, p.schema as Json))}</li>`)
        .join("");
      const content = ((op.requestBody as Json | undefined)?.content ?? {}) as Record<string, Json>;
      const bodies = Object.entries(content)
        .map(([type, c]) => `<h4>Body <code>${esc(type)}</code></h4>${fieldsTable(doc, c.schema as Json)}`)
        .join("");
      const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
        .map(([status, r]) => {
          const schema = ((r.content as Json | undefined)?.["application/json"] as Json | undefined)?.schema as Json | undefined;
          return `<li><b>${esc(status)}</b> ${esc(r.description)}${schema ? ` — <code>${esc(typeLabel(doc, schema))}</code>` : ""}</li>`;
        })
        .join("");
      const html = `<section class=op><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3><p>${esc(op.summary)}</p>${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ""}${bodies}<h4>Responses</h4><ul>${responses}</ul></section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const schemas = Object.keys(((doc.components as Json | undefined)?.schemas ?? {}) as Json)
    .sort()
    .map((name) => `<section class=op><h3 id="schema-${esc(name)}">${esc(name)}</h3>${fieldsTable(doc, { $ref: `#/components/schemas/${name}` })}</section>`)
    .join("");
  const sections = [...byTag.entries()].map(([tag, ops]) => `<h2>${esc(tag)}</h2>${ops.join("")}`).join("");
  return `<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport content="width=device-width,initial-scale=1"><title>${esc(info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#1b1f24}code{background:#f2f4f7;padding:0 .25em;border-radius:3px}
.op{border:1px solid #dde1e6;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}.m{display:inline-block;min-width:4.2em;text-align:center;border-radius:3px;color:#fff;font-size:.8em;padding:.1em .4em}
.get{background:#2f6fdb}.post{background:#1d8a4d}.put{background:#b26b00}.patch{background:#7b4bc4}.delete{background:#c0392b}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;text-align:left;padding:.25em .5em;vertical-align:top}.opt{color:#777;font-size:.85em}</style></head>
<body><h1>${esc(info.title)}</h1><p>${esc(info.description)}</p><p>Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a>. Errors are <code>{"error": {"code", "message", "details"?}}</code>.</p>${sections}<h2>Schemas</h2>${schemas}</body></html>`;
}
