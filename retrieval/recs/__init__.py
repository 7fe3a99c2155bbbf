"""Product recommendations from implicit feedback (docs/recommendations.md).

    interactions.py  purchases, reviews and events as weighted signals (Interactions)
    reading.py       a store's tables as signals: the whole store, or rows events appended
    examples.py      a customer's history before an order, and what the order held (EventLog)
    trend.py         what sells now: purchases of each product in recent weeks
    model.py         the two-tower model and its sampled-softmax loss
    train.py         seeded training, early stopping on each customer's latest order
    candidates.py    FAISS inner-product index of product vectors
    trained.py       what a build makes: model, product vectors, catalogue, exclusion rules
    signals.py       a store version's signals on the catalogue, grown by appended rows
    recommender.py   Recommender: candidates, re-ranking, exclusions, cold start
    reasons.py       why each product is recommended
    build.py         train on the workspace's store (or on given interactions, for bench)
    saved.py         the trained recommender under index/products/: save, open
    baselines.py     most popular, buy again, item-kNN, EASE
    datasets.py      Instacart and MovieLens splits (files from installed packages)
    evaluate.py      recall@10 and NDCG@10 of every method in one harness

Imports point down: commerce, numpy, pandas, scipy, torch, faiss; never predictors or assistant.
"""
