/* lurk-test-full-disk.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "lurk-test-full-disk.h"

/* The wrapper file: our methods in front, the real file of the wrapped VFS behind. */
typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;
} FullFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs full_vfs;
static gint full;

#define REAL(file) (((FullFile *) (file))->real)

static int
full_close (sqlite3_file *file)
{
  int rc = REAL (file)->pMethods != NULL ? REAL (file)->pMethods->xClose (REAL (file))
                                         : SQLITE_OK;
  return rc;
}

static int
full_read (sqlite3_file *file, void *buf, int amt, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buf, amt, offset);
}

static int
full_write (sqlite3_file *file, const void *buf, int amt, sqlite3_int64 offset)
{
  if (g_atomic_int_get (&full))
    return SQLITE_FULL;
  return REAL (file)->pMethods->xWrite (REAL (file), buf, amt, offset);
}

static int
full_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
full_sync (sqlite3_file *file, int flags)
{
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
full_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
full_lock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xLock (REAL (file), level);
}

static int
full_unlock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), level);
}

static int
full_check_reserved_lock (sqlite3_file *file, int *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
full_file_control (sqlite3_file *file, int op, void *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
full_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
full_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
full_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), page, size, extend, out);
}

static int
full_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
full_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
full_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static int
full_fetch (sqlite3_file *file, sqlite3_int64 offset, int amt, void **out)
{
  return REAL (file)->pMethods->xFetch (REAL (file), offset, amt, out);
}

static int
full_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *p)
{
  return REAL (file)->pMethods->xUnfetch (REAL (file), offset, p);
}

static const sqlite3_io_methods full_methods = {
  .iVersion = 3,
  .xClose = full_close,
  .xRead = full_read,
  .xWrite = full_write,
  .xTruncate = full_truncate,
  .xSync = full_sync,
  .xFileSize = full_file_size,
  .xLock = full_lock,
  .xUnlock = full_unlock,
  .xCheckReservedLock = full_check_reserved_lock,
  .xFileControl = full_file_control,
  .xSectorSize = full_sector_size,
  .xDeviceCharacteristics = full_device_characteristics,
  .xShmMap = full_shm_map,
  .xShmLock = full_shm_lock,
  .xShmBarrier = full_shm_barrier,
  .xShmUnmap = full_shm_unmap,
  .xFetch = full_fetch,
  .xUnfetch = full_unfetch,
};

static int
full_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  FullFile *wrapper = (FullFile *) file;
  int rc;

  wrapper->real = (sqlite3_file *) (wrapper + 1);
  rc = real_vfs->xOpen (real_vfs, name, wrapper->real, flags, out_flags);
  /* SQLite calls xClose only when pMethods is set */
  wrapper->base.pMethods = wrapper->real->pMethods != NULL ? &full_methods : NULL;

  return rc;
}

#define PASS(ret, name, params, args) \
  static ret full_##name params { return real_vfs->x##name args; }

PASS (int, Delete, (sqlite3_vfs *v, const char *n, int s), (real_vfs, n, s))
PASS (int, Access, (sqlite3_vfs *v, const char *n, int f, int *o), (real_vfs, n, f, o))
PASS (int, FullPathname, (sqlite3_vfs *v, const char *n, int l, char *o), (real_vfs, n, l, o))
PASS (void *, DlOpen, (sqlite3_vfs *v, const char *n), (real_vfs, n))
PASS (int, Randomness, (sqlite3_vfs *v, int n, char *o), (real_vfs, n, o))
PASS (int, Sleep, (sqlite3_vfs *v, int us), (real_vfs, us))
PASS (int, CurrentTime, (sqlite3_vfs *v, double *o), (real_vfs, o))
PASS (int, GetLastError, (sqlite3_vfs *v, int n, char *o), (real_vfs, n, o))
PASS (int, CurrentTimeInt64, (sqlite3_vfs *v, sqlite3_int64 *o), (real_vfs, o))

static void
full_DlError (sqlite3_vfs *v, int n, char *o)
{
  real_vfs->xDlError (real_vfs, n, o);
}

static void
(*full_DlSym (sqlite3_vfs *v, void *h, const char *s)) (void)
{
  return real_vfs->xDlSym (real_vfs, h, s);
}

static void
full_DlClose (sqlite3_vfs *v, void *h)
{
  real_vfs->xDlClose (real_vfs, h);
}

void
lurk_test_full_disk_install (void)
{
  if (real_vfs != NULL)
    return;

  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);

  full_vfs.iVersion = 2;
  full_vfs.szOsFile = sizeof (FullFile) + real_vfs->szOsFile;
  full_vfs.mxPathname = real_vfs->mxPathname;
  full_vfs.zName = "lurk-test-full-disk";
  full_vfs.xOpen = full_open;
  full_vfs.xDelete = full_Delete;
  full_vfs.xAccess = full_Access;
  full_vfs.xFullPathname = full_FullPathname;
  full_vfs.xDlOpen = full_DlOpen;
  full_vfs.xDlError = full_DlError;
  full_vfs.xDlSym = full_DlSym;
  full_vfs.xDlClose = full_DlClose;
  full_vfs.xRandomness = full_Randomness;
  full_vfs.xSleep = full_Sleep;
  full_vfs.xCurrentTime = full_CurrentTime;
  full_vfs.xGetLastError = full_GetLastError;
  full_vfs.xCurrentTimeInt64 = full_CurrentTimeInt64;

  g_assert_cmpint (sqlite3_vfs_register (&full_vfs, 1), ==, SQLITE_OK);
}

void
lurk_test_full_disk_set (gboolean full_)
{
  g_atomic_int_set (&full, !!full_);
}
