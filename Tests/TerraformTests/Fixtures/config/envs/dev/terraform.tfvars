project = "acme-dev"
