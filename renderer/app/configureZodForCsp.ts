import { z } from 'zod';

// zod probes for eval (`new Function`) to compile faster object parsers, when each object schema
// is created. Our CSP forbids eval, and even the failed probe is reported as a violation, so this
// module must run before any module that defines a schema: main.tsx imports it first.
z.config({ jitless: true });
