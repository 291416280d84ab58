"""PFL5xx: code that breaks auto-scaling, load balancing and serverless execution."""
