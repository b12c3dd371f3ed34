"""Running sakip in production: `sakip serve` (gunicorn), request ids in the logs, Sentry."""
