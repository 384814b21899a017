"""KMO Re-integratie: offline re-integratiebeleid voor KMO's."""

__version__ = "0.1.0"
