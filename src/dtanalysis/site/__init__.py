"""The pages around the reports: `reports/index.html` and `reports/validation.html`, built from
the records the runs leave beside each report and from `validation.json`."""
