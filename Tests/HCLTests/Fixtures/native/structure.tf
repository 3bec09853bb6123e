// Structure: blocks, labels, one-line blocks, comments
/* a block
   comment */
terraform {
  required_version = ">= 1.5"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 5.0"
    }
  }
}

resource "google_storage_bucket" "b" {
  name     = "bucket" # trailing comment
  location = "EU"      // another
  versioning {
    enabled = true
  }
  lifecycle_rule {
    action { type = "Delete" }
    condition { age = 30 }
  }
  empty {}
  empty2 {
  }
}

block ident_label "quoted label" another {
}

multi "a" "b" "c" "d" {
  x = 1
}

one { x = 1 }
oneline "lab" { y = "z" }
nolabel {}
escaped_label "with \"quote\" and \u00e9" {}

# tollgate:ignore GCP-001
data "google_project" "p" {}
