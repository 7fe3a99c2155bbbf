"""Events: orders, reviews and browsing as they happen, into the store without a rebuild.

log.py      the durable event log in the app database (idempotent by event id)
context.py  what checking needs from the store, cached per store version
apply.py    Applier: grow the store, re-score, index reviews, mark applied (crash-safe order)
  review_step.py  ReviewStep: the new reviews into the review index, with their sentiment
  rollback.py     what a failed application puts back (Changes), attempt tokens
batch.py    Receipt (a submission's answer) and AppliedBatch (what listeners get)
handoff.py  each batch owed to the listeners until they finish: kept, rebuilt, told again
service.py  EventService: submit, apply_pending, retell, the worker thread, listeners
replay.py   replay a JSON Lines or CSV file of events through the service
"""
