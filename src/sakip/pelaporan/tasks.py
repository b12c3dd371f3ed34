"""The pelaporan work that runs in `sakip worker` (Django's Tasks API, sakip.worker)."""

from django_tasks import task

from sakip.pelaporan import batch


@task(takes_context=True)
def lkjip_semua_opd(context, job_id: int) -> None:
    batch.run(job_id, percobaan=context.attempt)
