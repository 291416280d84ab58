"""Monthly sales reports (a small example for `make demo`)."""

import csv
from dataclasses import dataclass


@dataclass
class Sale:
    region: str
    amount: float


def read_sales(paths):
    """Read every CSV file and return one list of sales."""
    per_file = [
        [Sale(row["region"], float(row["amount"])) for row in csv.DictReader(open(path))]
        for path in paths
    ]
    # Join the per-file lists into one.
    return sum(per_file, [])


def regions(sales):
    """Every region, in the order first seen."""
    seen = []
    for sale in sales:
        if sale.region not in seen:
            seen.append(sale.region)
    return seen
