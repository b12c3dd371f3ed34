from django.db import models
from django.utils import timezone


class Worker(models.Model):
    """A running `sakip worker`. Its heartbeat is the lease on the tasks it claimed: when it stops
    beating (or its process is gone), its running tasks are queued again or failed."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    heartbeat_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.worker_id} ({self.host}:{self.pid})"
