package dev.obo.onbehalf.credential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What a file looks like from outside: modification time, size and identity (the inode, which an
 * atomic replacement or Kubernetes' symlink swap of a mounted secret changes). Token requests are
 * rare (the On-Behalf-Of cache sits in front), so a credential stats its file before each one and
 * reads it again only when this changes.
 */
record FileStamp(FileTime modified, long size, Object fileKey) {

    /** The file's stamp, or null when it cannot be read now (missing, or no permission). */
    static FileStamp of(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            return null;
        }
    }
}
