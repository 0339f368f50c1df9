// A catalog record for unit tests: the schema's required fields with empty values, and what a test
// sets. Parsed by the catalog schema, so a fixture is a record the worker would accept.
import { procedureSchema, type Procedure } from '../../worker/catalog/schema';

export function procedureRecord(code: string, name: string, more: Partial<Procedure> = {}): Procedure {
  return procedureSchema.parse({
    code,
    portalId: null,
    url: null,
    name,
    detail: true,
    type: 'standard',
    levels: ['province'],
    fields: [],
    executingAgencies: [],
    competentAgencies: [],
    issuingBody: null,
    province: null,
    targetGroups: [],
    cases: [],
    methods: [],
    steps: [],
    conditions: '',
    results: [],
    legalBasis: [],
    online: { available: false, fullProcess: false },
    receivingAddress: '',
    decisionNumber: null,
    provenance: { source: 'portal-api', alsoIn: [], crawledAt: '2026-07-18' },
    ...more,
  });
}
