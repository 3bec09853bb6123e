module "again" {
  source = "../rec"
}

resource "google_storage_bucket" "inner" {
  name     = "inner"
  location = "EU"
}
