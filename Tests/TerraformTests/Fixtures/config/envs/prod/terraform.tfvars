project = "acme-prod"
buckets = {
  logs   = { versioning = true }
  assets = { labels = { team = "web" } }
}
