// npm run ingest -- [sources dir]
// Reads the three source formats (see ../shared/catalog-sources/SOURCES.md) and writes the
// normalized catalog to knowledge/procedures.jsonl plus the ingest report. Portal API detail
// wins over a scraped page for the same code; the catalog list supplies every other procedure.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { procedureSchema, type Anomaly, type Procedure, type SourceProcedure } from '../worker/catalog/schema.ts';
import { emptyStats, structureCases } from './ingest/checklist.ts';
import { inferTimeUnits } from './ingest/time-units.ts';
import { formatFigures, sourceFigures, structuredFigures } from './ingest/checklist-figures.ts';
import { catalogLineSchema, fromCatalogLine, parsePortalDetail, unique } from './ingest/portal.ts';
import { parseScrapedRecord } from './ingest/scraped.ts';
import { progress } from './lib/progress.ts';
import { ROOT } from './lib/paths.ts';

const PORTAL_CRAWL = '2026-07-18';
const SCRAPED_CRAWL = '2026';

const sourcesDir = resolve(process.argv[2] ?? join(ROOT, '..', 'shared', 'catalog-sources'));
const anomalies: Anomaly[] = [];

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

const provincesRaw = readJson(join(sourcesDir, 'portal-provinces.json')) as { data?: { rows?: { name?: string }[] } };
const provinces = (provincesRaw.data?.rows ?? []).flatMap((r) => (typeof r.name === 'string' ? [r.name] : []));

// 1. Catalog list: every procedure by name, code and agency.
const catalog = new Map<string, SourceProcedure>();
const catalogLines = readFileSync(join(sourcesDir, 'portal-catalog.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
const barCatalog = progress('catalog list', catalogLines.length);
for (const [i, line] of catalogLines.entries()) {
  barCatalog.tick();
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    anomalies.push({ code: `line ${i + 1}`, kind: 'catalog-line-invalid-json', detail: line.slice(0, 200) });
    continue;
  }
  const parsed = catalogLineSchema.safeParse(json);
  if (!parsed.success) {
    anomalies.push({ code: `line ${i + 1}`, kind: 'catalog-line-invalid', detail: parsed.error.message.slice(0, 200) });
    continue;
  }
  if (catalog.has(parsed.data.code)) {
    anomalies.push({ code: parsed.data.code, kind: 'catalog-duplicate-code', detail: parsed.data.name });
    continue;
  }
  catalog.set(parsed.data.code, fromCatalogLine(parsed.data, PORTAL_CRAWL, provinces));
}
barCatalog.done();

// 2. Detail records, each parsed by its source's reader.
function readDetails(
  label: string,
  files: string[],
  parse: (raw: unknown, file: string) => SourceProcedure,
): Map<string, SourceProcedure> {
  const out = new Map<string, SourceProcedure>();
  const bar = progress(label, files.length);
  for (const file of files) {
    bar.tick();
    try {
      const p = parse(readJson(file), file);
      if (out.has(p.code)) anomalies.push({ code: p.code, kind: `${label}-duplicate-code`, detail: relative(sourcesDir, file) });
      else out.set(p.code, p);
    } catch (err) {
      anomalies.push({ code: file.split('/').pop() ?? file, kind: `${label}-unreadable`, detail: String(err).slice(0, 200) });
    }
  }
  bar.done();
  return out;
}

const portalDir = join(sourcesDir, 'portal-details');
const portal = readDetails(
  'portal-details',
  readdirSync(portalDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(portalDir, f)),
  (raw) => parsePortalDetail(raw, PORTAL_CRAWL, provinces, anomalies),
);

const scrapedDir = join(sourcesDir, 'scraped-details');
const scrapedFiles = readdirSync(scrapedDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(scrapedDir, d.name))
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(scrapedDir, d.name, f)),
  )
  .sort();
const scraped = readDetails('scraped-details', scrapedFiles, (raw) => parseScrapedRecord(raw, SCRAPED_CRAWL, anomalies));

// 3. Merge: portal detail > scraped page > catalog list; the catalog fills what a detail source lacks.
function withCatalog(detail: SourceProcedure, list: SourceProcedure | undefined): SourceProcedure {
  if (!list) {
    anomalies.push({ code: detail.code, kind: 'detail-not-in-catalog-list', detail: detail.name.slice(0, 200) });
    return detail;
  }
  return {
    ...detail,
    portalId: detail.portalId ?? list.portalId,
    url: detail.url ?? list.url,
    type: list.type,
    fields: detail.fields.length ? detail.fields : list.fields,
    executingAgencies: detail.executingAgencies.length ? detail.executingAgencies : list.executingAgencies,
    issuingBody: detail.issuingBody ?? list.issuingBody,
    province: detail.province ?? list.province,
    targetGroups: detail.targetGroups.length ? detail.targetGroups : list.targetGroups,
    provenance: { ...detail.provenance, alsoIn: unique([...detail.provenance.alsoIn, 'portal-catalog']) },
  };
}

const merged = new Map<string, SourceProcedure>();
let mergedBoth = 0;
for (const code of unique([...catalog.keys(), ...portal.keys(), ...scraped.keys()])) {
  const p = portal.get(code);
  const s = scraped.get(code);
  let detail = p ?? s;
  if (p && s) {
    mergedBoth++;
    detail = { ...p, provenance: { ...p.provenance, alsoIn: ['scraped-page'] } };
    // The portal record wins, but a scraped page may carry what the API record left empty.
    if (!detail.decisionNumber && s.decisionNumber) detail.decisionNumber = s.decisionNumber;
    if (!detail.receivingAddress && s.receivingAddress) detail.receivingAddress = s.receivingAddress;
  }
  merged.set(code, detail ? withCatalog(detail, catalog.get(code)) : (catalog.get(code) as SourceProcedure));
}

// 4. Structure the document lists as checklists (scripts/ingest/checklist.ts), then validate and
// write, sorted by code, one procedure per line (diff-friendly).
const checklistStats = emptyStats();
const before = sourceFigures([...merged.values()].filter((p) => p.detail));
const out: string[] = [];
for (const code of [...merged.keys()].sort()) {
  const source = merged.get(code)!;
  const structured: Procedure = inferTimeUnits({ ...source, cases: structureCases(source.cases, code, anomalies, checklistStats) }, anomalies);
  const result = procedureSchema.safeParse(structured);
  if (!result.success) {
    anomalies.push({ code, kind: 'schema-invalid', detail: result.error.message.slice(0, 300) });
    continue;
  }
  out.push(JSON.stringify(result.data));
}
writeFileSync(join(ROOT, 'knowledge', 'procedures.jsonl'), out.join('\n') + '\n');
// Province names, for recognising "ở Đà Nẵng" in a question and for the PROVINCE setting.
writeFileSync(
  join(ROOT, 'knowledge', 'provinces.json'),
  JSON.stringify(
    [...provinces].sort((a, b) => a.localeCompare(b, 'vi')).map((name) => ({ name, short: name.replace(/^(Tỉnh|Thành phố)\s+/u, '') })),
    null,
    1,
  ) + '\n',
);

const records = out.map((l) => JSON.parse(l) as Procedure);
const after = structuredFigures(records.filter((r) => r.detail));
const byKind = new Map<string, number>();
for (const a of anomalies) byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
const report = {
  ingestedAt: new Date().toISOString(),
  sources: {
    'portal-catalog': catalogLines.length,
    'portal-details': portalDir ? portal.size : 0,
    'scraped-details': scrapedFiles.length,
  },
  parsed: { catalog: catalog.size, portal: portal.size, scraped: scraped.size },
  mergedPortalAndScraped: mergedBoth,
  written: records.length,
  detailed: records.filter((r) => r.detail).length,
  provincialOrCommune: records.filter((r) => r.levels.includes('province') || r.levels.includes('commune')).length,
  checklist: { before, after, ...checklistStats },
  anomaliesByKind: Object.fromEntries([...byKind.entries()].sort((a, b) => b[1] - a[1])),
  anomalies: anomalies.sort((a, b) => a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code)),
};
writeFileSync(join(ROOT, 'knowledge', 'ingest-report.json'), JSON.stringify(report, null, 1) + '\n');

console.log(`
Ingest report (${sourcesDir})
  read:    portal-catalog ${report.sources['portal-catalog']}, portal-details ${report.sources['portal-details']}, scraped-details ${report.sources['scraped-details']}
  parsed:  catalog ${catalog.size}, portal ${portal.size}, scraped ${scraped.size}; ${mergedBoth} codes in both detail sources (portal record kept)
  written: ${records.length} procedures, ${report.detailed} with full detail, ${report.provincialOrCommune} at provincial or commune level
  anomalies: ${anomalies.length}${[...byKind.entries()].map(([k, n]) => `\n    ${k}: ${n}`).join('')}
  full list: knowledge/ingest-report.json

Checklists (npm run checklist-report prints these again, with notes to check by hand)
${formatFigures(before, after)}
  case headings read as: ${Object.entries(checklistStats.headings).map(([k, n]) => `${k} ${n}`).join(', ')}
    sections: ${Object.entries(checklistStats.sections).map(([k, n]) => `${k} ${n}`).join(', ')}; records regrouped: ${checklistStats.recordsRegrouped}
  kind decided by a count alone, no phrase (checklist-kind-guessed): ${checklistStats.guessed.submit + checklistStats.guessed.present} kept as documents, ${checklistStats.guessed.note} taken for notes`);
