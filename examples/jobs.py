"""A small job scheduler (an example for `make demo`)."""


def run_in_order(start_jobs, dependencies):
    """Run jobs breadth-first from the start jobs."""
    done = []
    queue = list(start_jobs)
    while queue:
        job = queue.pop(0)  # oldest first
        if job in done:
            continue
        done.append(job)
        queue.extend(dependencies.get(job, ()))
    return done


def owners(jobs, users):
    """Pair every job with the user who submitted it."""
    pairs = []
    for job in jobs:
        for user in users:
            if user.id == job.owner_id:
                pairs.append((job, user))
    return pairs


def log_payload(lines):
    """Everything in one bytes blob."""
    payload = b""
    for line in lines:
        payload += line.encode() + b"\n"
    return payload
