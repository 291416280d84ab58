"""An order service: an AWS Lambda handler and an async API (an example for `make demo`).

The imports are only read by perflint; the example is never run.
"""

import time

import boto3
import requests
from shop.models import Customer

TABLE = "orders"


def lambda_handler(event, context):
    """Store an order sent by API Gateway."""
    dynamodb = boto3.resource("dynamodb")
    dynamodb.Table(TABLE).put_item(Item=event["order"])
    return {"statusCode": 201}


async def wait_for_payment(payment):
    """Poll the payment provider until the payment settles."""
    while not payment.settled():
        time.sleep(2)


def notify_all(webhooks, order):
    """Tell every subscriber about a new order."""
    for url in webhooks:
        requests.post(url, json=order, timeout=5)


def customer_names(orders):
    """The customer's name for each order."""
    return [Customer.objects.get(pk=order.customer_id).name for order in orders]
