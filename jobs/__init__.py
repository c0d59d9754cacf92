"""The jobs: Celery tasks and the long work they run (spreadsheet imports,
exports, accountability report compiles). Jobs call the domain's services;
the domain queues them by name (core.queue), never by importing them."""
