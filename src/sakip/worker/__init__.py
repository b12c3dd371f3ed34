"""Background tasks: `sakip worker` runs the queue of Django's Tasks API (the django-tasks
backport with its database backend), beats its heartbeat, and takes over the tasks of workers
that died (sakip.worker.lease)."""
