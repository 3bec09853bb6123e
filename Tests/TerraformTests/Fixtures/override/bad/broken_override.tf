resource "google_storage_bucket" "ok" {
  name = "from-broken-override"
}

resource "google_storage_bucket" "ok" {
  location = = "US"
}
