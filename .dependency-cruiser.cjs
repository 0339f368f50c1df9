// The worker's layers, checked by `npm run lint:layers` (the first step of `npm test`): a module may
// import only from its own folder and the folders listed for it below. A leak fails with the name of
// the rule it breaks, e.g. "error channels-layer: worker/channels/turn.ts → worker/routes/chat.ts".
// README, "Project layout", says what each folder owns; keep the two in step.
//
//   routes → channels, staff, web → checklist → chat → dossier → search → catalog → lib
//   shared lower layers, importable from the layers above: http, exchange-log, privacy, config, env,
//   errors, messages (and knowledge/, the data).
const SHARED = ['http', 'exchange-log', 'privacy', 'lib', 'config.ts', 'env.ts', 'errors.ts', 'messages.ts'];

/** What each folder of worker/ may import besides itself (folders, or files of worker/). */
const LAYERS = {
  routes: ['channels', 'staff', 'web', 'checklist', 'chat', 'dossier', 'search', 'catalog', 'middleware', ...SHARED],
  middleware: ['lib', 'config.ts', 'env.ts', 'errors.ts', 'messages.ts'],
  channels: ['chat', 'search', 'catalog', ...SHARED],
  staff: ['checklist', 'chat', 'search', 'catalog', ...SHARED],
  web: ['checklist', 'chat', 'search', 'catalog', ...SHARED],
  checklist: ['chat/format.ts', 'catalog', 'lib', 'messages.ts'],
  chat: ['dossier', 'search', 'catalog', ...SHARED],
  // The dossier lookup answers in the chat's answer model; the chat calls it through DossierDesk.
  dossier: ['chat/answer.ts', 'search', 'catalog', ...SHARED],
  search: ['catalog', 'lib', 'errors.ts', 'messages.ts'],
  catalog: ['lib', 'errors.ts', 'messages.ts'],
  http: ['lib', 'config.ts', 'env.ts', 'errors.ts', 'messages.ts'],
  'exchange-log': ['privacy', 'lib'],
  privacy: ['lib'],
  lib: [],
};

const escape = (s) => s.replace(/[.]/gu, '\\.');
const target = (t) => (t.endsWith('.ts') ? `^worker/${escape(t)}$` : `^worker/${t}/`);

const layerRules = Object.entries(LAYERS).map(([folder, allowed]) => ({
  name: `${folder}-layer`,
  comment: `worker/${folder}/ may import only from itself and ${allowed.length ? allowed.join(', ') : 'nothing else of worker/'} (see .dependency-cruiser.cjs and README "Project layout")`,
  severity: 'error',
  from: { path: `^worker/${folder}/` },
  to: {
    path: '^worker/',
    pathNot: [`^worker/${folder}/`, ...allowed.map(target)],
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'dossier-answer-model-types-only',
      comment: 'worker/dossier/ imports the chat answer model as types only (import type)',
      severity: 'error',
      from: { path: '^worker/dossier/' },
      to: { path: '^worker/chat/answer\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-files-layer',
      comment: 'worker/config.ts, env.ts, errors.ts and messages.ts are the lowest layer: they import only lib/ and each other',
      severity: 'error',
      from: { path: '^worker/(config|env|errors|messages)\\.ts$' },
      to: { path: '^worker/', pathNot: ['^worker/lib/', '^worker/(config|env|errors|messages)\\.ts$'] },
    },
    {
      name: 'widget-runtime-imports',
      comment: 'widget/src/ bundles only itself, worker/lib/ helpers and worker/chat/limits.ts; anything else of the worker (its response types) as types only',
      severity: 'error',
      from: { path: '^widget/src/' },
      to: {
        path: '^worker/',
        pathNot: ['^worker/lib/', '^worker/chat/limits\\.ts$'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'worker-not-from-scripts-or-tests',
      comment: 'the worker never imports build scripts or tests',
      severity: 'error',
      from: { path: '^(worker|widget)/' },
      to: { path: '^(scripts|tests)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'a relative import that resolves to nothing (a moved module): fix the path',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, path: '^[.]' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|build|\\.wrangler)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'], exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
