def keys(pairs):
    found = dict(pairs)
    return [k for k, v in found.items()]


def pending(jobs, finished):
    done = []
    for job in finished:
        done.append(job.id)
    todo = []
    for job in jobs:
        if job.id not in done:
            todo.append(job)
    return todo
