"""Classic "buy till you die" baselines written from the published math.

* :func:`rfm_summary` turns a transaction log into the ``frequency/recency/T``
  (and spend, holdout) summary the models consume.
* :class:`BGNBD` (Fader, Hardie & Lee 2005) and :class:`ParetoNBD` (Schmittlein,
  Morrison & Colombo 1987) model how many purchases a customer makes and whether
  they are still active.
* :class:`GammaGamma` (Fader, Hardie & Lee 2005, "RFM and CLV") models spend per
  transaction.

All time quantities are in the summary's time unit (weeks by default), and
every model's ``fit`` is a classmethod returning a frozen instance whose
``fit_info`` records the summed log-likelihood and optimiser details.
"""

from predictors.btyd._common import FitInfo
from predictors.btyd.bgnbd import BGNBD
from predictors.btyd.gamma_gamma import GammaGamma
from predictors.btyd.pareto_nbd import ParetoNBD
from predictors.btyd.summary import rfm_summary

__all__ = ["BGNBD", "FitInfo", "GammaGamma", "ParetoNBD", "rfm_summary"]
