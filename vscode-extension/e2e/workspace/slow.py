def count(pairs):
    found = dict(pairs)
    return len(list(found))


def pending(jobs, finished):
    done = []
    for job in finished:
        done.append(job.id)
    todo = []
    for job in jobs:
        if job.id not in done:
            todo.append(job)
    return todo
