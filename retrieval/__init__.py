"""Retrieval: embedders, FAISS indexes of reviews and customers, filters, sentiment, themes.

    embedder.py         Embedder seam; MiniLMEmbedder (packaged all-MiniLM-L6-v2, offline)
    vectors.py          FAISS index chosen by size (flat / IVF with tuned nprobe), filtered search
    reviews.py          ReviewIndex: review vectors + metadata; search with ReviewFilter
    filters.py          ReviewFilter: customers (or a segment's), products, sentiment, rating, dates
    build.py            build / update / open the workspace's indexes (RETAIN_HOME/index/)
    customers.py        CustomerIndex: lookalikes from behaviour features, with what they share
    sentiment.py        score in [-1, 1] and label, from the shipped head (sentiment_head.json)
    train_sentiment.py  how that head is trained and evaluated (python -m retrieval.train_sentiment)
    themes.py, terms.py complaint themes: k-means on negative reviews, named by c-TF-IDF

Imports point down: this package uses commerce (and faiss, numpy, pandas, torch via
transformers), never predictors or assistant. Modules are imported directly; this file stays
empty so `import retrieval.filters` does not load torch.
"""
