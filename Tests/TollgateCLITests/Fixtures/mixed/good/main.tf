provider "google" {
  project = "acme-prod"
  region  = "us-central1"
}

resource "google_storage_bucket" "public" {
  name     = "acme-public-assets"
  location = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  versioning {
    enabled = true
  }
}

resource "google_storage_bucket_iam_member" "everyone" {
  bucket = google_storage_bucket.public.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
