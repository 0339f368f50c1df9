// Entry point: composes the routes; each concern lives in its own module.
import { Hono } from 'hono';
import type { AppEnv } from './env';
import { botframeworkRoutes } from './channels/botframework';
import { messengerRoutes } from './channels/messenger';
import { zaloRoutes } from './channels/zalo';
import { AppError, errorResponse } from './errors';
import { messages } from './messages';
import { cors } from './middleware/cors';
import { securityHeaders } from './middleware/security';
import { createRateLimiter } from './lib/rate-limit';
import { withConfig } from './middleware/config';
import { rateLimitByIp } from './middleware/rate-limit';
import { catalogRoutes } from './routes/catalog';
import { chatRoutes } from './routes/chat';
import { procedurePageRoutes } from './routes/procedure-page';
import { searchRoutes } from './routes/search';
import { staffRoutes } from './routes/staff';
import { webRoutes } from './routes/web';

const app = new Hono<AppEnv>();

app.use('*', securityHeaders());
// The configuration, validated once per isolate: a wrong setting is a 503 (middleware/config.ts).
app.use('*', withConfig());

// CORS first, so every answer of the public API (429s and errors included) carries its headers.
for (const path of ['/api/chat', '/api/feedback', '/api/search']) app.use(path, cors());
// Per client IP, per isolate (see lib/rate-limit.ts for the global alternative).
const ipLimiter = createRateLimiter();
for (const path of ['/api/chat', '/api/feedback', '/api/search']) {
  app.use(path, rateLimitByIp(ipLimiter, (config) => config.rateLimit.ipPerMin));
}

app.route('/', catalogRoutes);
app.route('/', searchRoutes);
app.route('/', chatRoutes);
app.route('/', webRoutes);
// The public page of every procedure (/thu-tuc/:code), linked from the channels' short answers.
app.route('/', procedurePageRoutes);
// Staff console (/staff) and its API (/api/staff/*): authenticated, see worker/staff/auth.ts.
app.route('/', staffRoutes);
// Messaging channels: signed webhooks, answered at once, replies sent in the background.
app.route('/', zaloRoutes);
app.route('/', messengerRoutes);
app.route('/', botframeworkRoutes);

app.notFound((c) => errorResponse(c, new AppError(404, 'not_found', messages.errors.not_found)));
app.onError((err, c) => errorResponse(c, err));

export default app;
