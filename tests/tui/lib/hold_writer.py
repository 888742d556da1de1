# hold_writer.py DIR SECONDS: holds the LMDB write lock of the store DIR for SECONDS, as
# another process saving (another SSH user, an import) does; prints "held" once it has it.
# Through liblmdb itself (ctypes): only LMDB can take its writer's lock.
import ctypes
import sys
import time

lib = ctypes.CDLL("liblmdb.so.0")
env = ctypes.c_void_p()
txn = ctypes.c_void_p()
if lib.mdb_env_create(ctypes.byref(env)) != 0:
    sys.exit("mdb_env_create failed")
lib.mdb_env_set_maxdbs(env, 64)
if lib.mdb_env_open(env, sys.argv[1].encode(), 0, 0o664) != 0:
    sys.exit("mdb_env_open %s failed" % sys.argv[1])
if lib.mdb_txn_begin(env, None, 0, ctypes.byref(txn)) != 0:
    sys.exit("mdb_txn_begin failed")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
lib.mdb_txn_abort(txn)
lib.mdb_env_close(env)
