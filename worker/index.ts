// Entry point: composes the routes; each concern lives in its own module.
import { Hono } from 'hono';
import type { AppEnv } from './env';
import { AppError, errorResponse } from './errors';
import { messages } from './messages';
import { catalogRoutes } from './routes/catalog';
import { searchRoutes } from './routes/search';

const app = new Hono<AppEnv>();

app.route('/', catalogRoutes);
app.route('/', searchRoutes);

app.notFound((c) => errorResponse(c, new AppError(404, 'not_found', messages.errors.not_found)));
app.onError((err, c) => errorResponse(c, err));

export default app;
