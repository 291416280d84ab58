"""A workload for `make demo`: it runs some of the examples' code with real
sizes and some of it barely, so that `perflint profile` can show which of
their findings matter in this run (docs/profiles.md)."""

from dataclasses import dataclass

from batches import all_ids
from reports import Sale, regions


@dataclass
class Batch:
    job_ids: list[int]


def main() -> None:
    # Hot: 2,000 regions, each sale tested against the list of those seen.
    sales = [Sale(f"region-{i % 2000}", 1.0) for i in range(20_000)]
    regions(sales)
    # Cold: three small batches.
    all_ids([Batch([1, 2]), Batch([3]), Batch([4, 5])])


if __name__ == "__main__":
    main()
