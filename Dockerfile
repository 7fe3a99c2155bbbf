# CPU image of Retain. Build: docker build -t retain .   Run: docker run -p 8000:8000 -v retain:/data retain
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 RETAIN_HOME=/data
WORKDIR /app

# torch first, pinned: the requirement alone would resolve to a multi-GB CUDA build.
# Point pip at a CPU wheel index of your own with --build-arg PIP_EXTRA_INDEX_URL=... if needed.
ARG PIP_EXTRA_INDEX_URL=""
RUN pip install --no-cache-dir "torch==2.13.0"

COPY pyproject.toml README.md ./
COPY commerce commerce
COPY predictors predictors
COPY retrieval retrieval
COPY prompts prompts
COPY assistant assistant
RUN pip install --no-cache-dir ".[demo]" && useradd --create-home retain && mkdir -p /data \
    && chown retain /data
USER retain
VOLUME ["/data"]
EXPOSE 8000

ENTRYPOINT ["retain"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
