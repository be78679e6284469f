"""Longview training job: SASRec-style next-item model and churn model, exported to ONNX."""

__version__ = "1.0.0"
