//! The blob store of attachment contents, behind `object_store`'s one trait: a local directory
//! by default, an S3-compatible bucket in production. Keys come from the content hash
//! (`sha256/ab/<hex>`), so each content is stored once however many attachments share it.

use std::path::Path as FsPath;
use std::sync::Arc;

use actix_web::web::Bytes;
use futures_util::stream::BoxStream;
use futures_util::StreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, WriteMultipart};
use tokio::io::AsyncReadExt;

use crate::config::{BlobConfig, S3Config};

/// Why the blob store failed.
#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    /// The store refused or could not be reached.
    #[error(transparent)]
    Store(#[from] object_store::Error),
    /// A local file could not be read or written.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The configured store could not be opened at start.
    #[error("the blob store is not available")]
    Unavailable,
}

/// Parts of a streamed upload: S3 wants at least 5 MiB per part but the last one; a local
/// directory writes whatever it gets.
const S3_PART_BYTES: usize = 5 * 1024 * 1024;
const LOCAL_PART_BYTES: usize = 256 * 1024;
/// Bytes read from a spooled file at a time.
const READ_BYTES: usize = 64 * 1024;

/// The store and how it is fed; cheap to clone.
#[derive(Clone, Debug)]
pub struct Blobs {
    store: Option<Arc<dyn ObjectStore>>,
    part_bytes: usize,
}

/// The key of a content: `sha256/<first two hex digits>/<hex>`.
pub fn key(sha256: &str) -> Path {
    let prefix = sha256.get(..2).unwrap_or("00");
    Path::from(format!("sha256/{prefix}/{sha256}"))
}

impl Blobs {
    /// The store `config` names; a local directory is created if missing.
    pub fn from_config(config: &BlobConfig) -> Result<Blobs, BlobError> {
        match config {
            BlobConfig::Local(dir) => Blobs::local(dir),
            BlobConfig::S3(s3) => Blobs::s3(s3),
        }
    }

    /// A local directory.
    pub fn local(dir: &FsPath) -> Result<Blobs, BlobError> {
        std::fs::create_dir_all(dir)?;
        Ok(Blobs {
            store: Some(Arc::new(LocalFileSystem::new_with_prefix(dir)?)),
            part_bytes: LOCAL_PART_BYTES,
        })
    }

    /// An S3-compatible bucket.
    pub fn s3(config: &S3Config) -> Result<Blobs, BlobError> {
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(&config.bucket)
            .with_region(&config.region)
            .with_allow_http(config.allow_http);
        if let Some(endpoint) = &config.endpoint {
            builder = builder.with_endpoint(endpoint);
        }
        if let Some(id) = &config.access_key_id {
            builder = builder.with_access_key_id(id);
        }
        if let Some(secret) = &config.secret_access_key {
            builder = builder.with_secret_access_key(secret.expose_str());
        }
        Ok(Blobs {
            store: Some(Arc::new(builder.build()?)),
            part_bytes: S3_PART_BYTES,
        })
    }

    /// A store that refuses everything: what the server runs with when the configured one
    /// cannot be opened.
    pub fn unavailable() -> Blobs {
        Blobs {
            store: None,
            part_bytes: LOCAL_PART_BYTES,
        }
    }

    fn store(&self) -> Result<&Arc<dyn ObjectStore>, BlobError> {
        self.store.as_ref().ok_or(BlobError::Unavailable)
    }

    /// Whether the content with this hash is stored.
    pub async fn exists(&self, sha256: &str) -> Result<bool, BlobError> {
        match self.store()?.head(&key(sha256)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Stores the file at `path` as the content `sha256`, streamed in parts; nothing happens
    /// when that content is already stored.
    pub async fn put_file(&self, sha256: &str, path: &FsPath) -> Result<(), BlobError> {
        if self.exists(sha256).await? {
            return Ok(());
        }
        let upload = self.store()?.put_multipart(&key(sha256)).await?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, self.part_bytes);
        let mut file = tokio::fs::File::open(path).await?;
        let mut buffer = vec![0_u8; READ_BYTES];
        loop {
            let read = match file.read(&mut buffer).await {
                Ok(0) => break,
                Ok(read) => read,
                Err(e) => {
                    writer.abort().await?;
                    return Err(e.into());
                }
            };
            writer.wait_for_capacity(2).await?;
            writer.write(buffer.get(..read).unwrap_or_default());
        }
        writer.finish().await?;
        Ok(())
    }

    /// The content with this hash, as a stream of chunks.
    pub async fn get(
        &self,
        sha256: &str,
    ) -> Result<BoxStream<'static, Result<Bytes, object_store::Error>>, BlobError> {
        let result = self.store()?.get(&key(sha256)).await?;
        Ok(result.into_stream().boxed())
    }

    /// Removes the content with this hash (absent content is not an error).
    pub async fn delete(&self, sha256: &str) -> Result<(), BlobError> {
        match self.store()?.delete(&key(sha256)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_spread_by_the_first_two_hex_digits() {
        assert_eq!(key("ab12").as_ref(), "sha256/ab/ab12");
    }
}
