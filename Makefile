# Two commands matter: `make run` (start the kiosk) and `make test` (the whole suite).
# Both create .venv, install the pinned Python dependencies, and, when run as root on Debian,
# install the missing system packages with apt-get.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# The Debian libraries the Linux bundle leaves to the machine (kiosk/system_libs.py names each
# library's package; kiosk.spec refuses to build without a name; docs/deploy.md lists them).
BUNDLE_SYSTEM_LIBS := libasyncns0 libbrotli1 libbsd0 libbz2-1.0 libcap2 libcom-err2 libdbus-1-3 \
	libdeflate0 libdrm2 libexpat1 libffi8 libflac12 libfontconfig1 libfreetype6 libgcc-s1 libgcrypt20 \
	libglib2.0-0 libgpg-error0 libgssapi-krb5-2 libjbig0 libjpeg62-turbo libk5crypto3 libkeyutils1 libkrb5-3 \
	libkrb5support0 liblerc4 liblz4-1 liblzma5 libmd0 libmp3lame0 libmpg123-0 libogg0 libopus0 \
	libpcre2-8-0 libpng16-16 libpq5 libpulse0 libsndfile1 libstdc++6 libsystemd0 libtiff6 libvorbis0a \
	libvorbisenc2 libwebp7 libwebpdemux2 libwebpmux3 libx11-6 libx11-xcb1 libxau6 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 \
	libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-render0 libxcb-shape0 \
	libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxdmcp6 libxext6 \
	libxkbcommon-x11-0 libxkbcommon0 libxrandr2 libxrender1 libzstd1 zlib1g

# Programs and data the lobby bundle takes from the machine instead of carrying them (docs/deploy.md):
# poppler's pdftoppm reads printed PDFs back (self-test, `kiosk verify`; kiosk/pdf_poppler.py);
# WenQuanYi Micro Hei is the CJK font of the screen and the printed form (kiosk/system_fonts.py);
# tesseract and the OCR-B font read the passport zone from the camera (docs/camera.md).
BUNDLE_SYSTEM_PACKAGES := poppler-utils fonts-wqy-microhei tesseract-ocr tesseract-ocr-eng fonts-ocr-b

# Qt offscreen/xcb + virtual keyboard, speech, PDF tools, printing, office database, real windows,
# and what building numpy and Pillow from source needs (C and C++ compilers; Python's headers for a
# Debian python3 — pyenv's carry their own; meson, ninja and Cython come from PyPI; the -dev
# packages of the image libraries Pillow links), and the kernel's V4L2 header with libc's for
# tests/core/test_v4l2_abi.py (gcc compiles a program against linux/videodev2.h).
SYSTEM_PACKAGES := python3-venv libpulse0 libxkbcommon0 libxkbcommon-x11-0 libegl1 libgl1 \
	libfontconfig1 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
	libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libcups2 \
	espeak-ng libespeak-ng1 sox cups cups-client printer-driver-cups-pdf \
	postgresql xvfb xdotool iso-codes binutils gcc icu-devtools cage xwayland libwayland-cursor0 libwayland-egl1 \
	g++ python3-dev libjpeg62-turbo-dev zlib1g-dev libtiff-dev libwebp-dev libfreetype-dev \
	libc6-dev linux-libc-dev \
	$(BUNDLE_SYSTEM_LIBS) $(BUNDLE_SYSTEM_PACKAGES)

.PHONY: numpy-wheel numpy-noblas pillow-wheel pillow-system run package package-staff selftest-bundle test test-core test-any-day fuzz lint typecheck i18n i18n-check bench system-deps venv clean

system-deps:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		missing=$$(for p in $(SYSTEM_PACKAGES); do \
			dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
		if [ -n "$$missing" ]; then \
			echo "installing system packages:" $$missing; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		fi; \
	else \
		echo "(not root or not Debian: make sure these are installed: $(SYSTEM_PACKAGES))"; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# Demo mode (config key `demo`): no office here, so a demo office key and a SQLite office in the
# data folder. A lobby kiosk's config sets office_public_key and office_db_url instead.
run: system-deps venv
	$(BIN)/kiosk run --windowed --demo

# qmllint over ui/, with the Kiosk.Backend types read from the live backends (kiosk/qt/qmltypes.py);
# .qmllint.ini says which category is relaxed and why. Theme.qml apart: qmllint reads ui/qmldir's
# `singleton Theme` and still calls its `pragma Singleton` undeclared, so that import note is info.
QML_FILES := $(filter-out ui/Theme.qml,$(wildcard ui/*.qml ui/*/*.qml))
lint: venv
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m kiosk.qt.qmltypes build/qmltypes
	$(BIN)/pyside6-qmllint -I build/qmltypes -I . $(QML_FILES)
	$(BIN)/pyside6-qmllint -I build/qmltypes -I . --import info ui/Theme.qml

typecheck: venv
	$(BIN)/mypy

i18n: venv
	$(BIN)/kiosk i18n extract

i18n-check: venv
	$(BIN)/kiosk i18n check

# numpy built without BLAS/LAPACK for the bundles: PyPI's wheel carries OpenBLAS + gfortran (36 MB
# in numpy.libs) for speed the kiosk does not need (docs/deploy.md). Built once from the sdist
# (a C/C++ compiler and Python's headers; meson-python and Cython come from PyPI by build
# isolation), kept in build/wheels/ under its version, and installed into .venv before PyInstaller
# runs; kiosk.spec refuses to bundle OpenBLAS. --no-cache-dir: a numpy wheel pip cached from
# another build of the same sdist (with BLAS) must not come back.
NUMPY_VERSION := $(shell sed -n 's/^ *"numpy==\([^"]*\)".*/\1/p' pyproject.toml)
NUMPY_WHEELS := build/wheels/numpy-$(NUMPY_VERSION)-noblas
NUMPY_WHEEL_STAMP := $(NUMPY_WHEELS)/.built

$(NUMPY_WHEEL_STAMP):
	rm -rf $(NUMPY_WHEELS)
	$(BIN)/pip wheel --no-cache-dir --no-deps --no-binary numpy -w $(NUMPY_WHEELS) numpy==$(NUMPY_VERSION) \
		-Csetup-args=-Dblas=none -Csetup-args=-Dlapack=none -Csetup-args=-Dallow-noblas=true
	touch $@

numpy-wheel: venv $(NUMPY_WHEEL_STAMP)

# Checks what is installed (not a stamp), so a `pip install numpy` since is undone here.
NUMPY_IS_NOBLAS := import numpy, sys; blas = numpy.show_config("dicts")["Build Dependencies"]["blas"]; \
	sys.exit(numpy.__version__ != "$(NUMPY_VERSION)" or blas.get("found", False))
numpy-noblas: venv $(NUMPY_WHEEL_STAMP)
	@$(BIN)/python -c '$(NUMPY_IS_NOBLAS)' || \
		$(BIN)/pip install -q --no-deps --force-reinstall $(NUMPY_WHEELS)/numpy-$(NUMPY_VERSION)-*.whl
	@$(BIN)/python -c '$(NUMPY_IS_NOBLAS)' || { echo "numpy in $(VENV) is not the no-BLAS build"; exit 1; }

# Pillow built from the sdist against Debian's image libraries (libjpeg62-turbo, libtiff6, libwebp7,
# FreeType, zlib: BUNDLE_SYSTEM_LIBS) for the bundles: PyPI's wheel carries its own copies in
# pillow.libs (5.3 MB; its libXau alone is 2.1 MB) and X11 screen grabbing. No xcb, JPEG 2000,
# colour management, AVIF, imagequant or raqm: the kiosk reads and writes PNG/JPEG, the staff
# tools also TIFF/WebP scans, and the camera's cell templates draw OCR-B with FreeType.
PILLOW_VERSION := $(shell sed -n 's/^ *"pillow==\([^"]*\)".*/\1/p' pyproject.toml)
PILLOW_WHEELS := build/wheels/pillow-$(PILLOW_VERSION)-system
PILLOW_WHEEL_STAMP := $(PILLOW_WHEELS)/.built
PILLOW_OPTIONS := -Cxcb=disable -Cjpeg2000=disable -Clcms=disable -Cavif=disable -Cimagequant=disable -Craqm=disable

$(PILLOW_WHEEL_STAMP):
	rm -rf $(PILLOW_WHEELS)
	$(BIN)/pip wheel --no-cache-dir --no-deps --no-binary pillow -w $(PILLOW_WHEELS) pillow==$(PILLOW_VERSION) $(PILLOW_OPTIONS)
	touch $@

pillow-wheel: venv $(PILLOW_WHEEL_STAMP)

PILLOW_IS_SYSTEM := import sys, PIL; from PIL import features; \
	sys.exit(PIL.__version__ != "$(PILLOW_VERSION)" or features.check_feature("xcb") or not features.check_module("freetype2"))
pillow-system: venv $(PILLOW_WHEEL_STAMP)
	@$(BIN)/python -c '$(PILLOW_IS_SYSTEM)' || \
		$(BIN)/pip install -q --no-deps --force-reinstall $(PILLOW_WHEELS)/pillow-$(PILLOW_VERSION)-*.whl
	@$(BIN)/python -c '$(PILLOW_IS_SYSTEM)' || { echo "Pillow in $(VENV) is not the build on Debian's libraries"; exit 1; }

# The one-folder PyInstaller bundle IT installs (dist/kiosk/; see kiosk.spec and docs/deploy.md).
package: system-deps venv numpy-noblas pillow-system
	$(BIN)/pyinstaller --noconfirm --log-level WARN --workpath build/pyinstaller kiosk.spec

# The counter PCs' bundle (dist/kiosk-staff/): the same program plus the staff console's window.
package-staff: system-deps venv numpy-noblas pillow-system
	KIOSK_BUNDLE=staff $(BIN)/pyinstaller --noconfirm --log-level WARN --workpath build/pyinstaller-staff kiosk.spec

# The bundle checks itself: QML, every form in two languages, PDFs, fonts, speech, databases.
selftest-bundle: package
	rm -rf build/selftest-data
	KIOSK_DATA_DIR=build/selftest-data dist/kiosk/kiosk self-test

PYTEST := QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software $(BIN)/pytest -p no:cacheprovider

# The Qt-free layer alone (tests/core: forms, sessions, storage, sync, PDF, QR, crypto, config,
# import cycles), no display, PostgreSQL or CUPS: the quick check while changing the core.
test-core: venv
	$(PYTEST) -q tests/core

# Green on any day: the core and QML suites again with "today" moved (tests/conftest.py --today):
# tomorrow, in 40 days, in 400 days and on a 29 February. The wall clock moves, the monotonic
# clock does not. (Debian's libfaketime 0.9.10 breaks Python 3.11's time.sleep: EINVAL or a hang.)
ANY_DAYS := +1 +40 +400 2028-02-29
test-any-day: venv
	for day in $(ANY_DAYS); do \
		echo "== core and QML tests with today moved to $$day"; \
		$(PYTEST) -q -x --today=$$day tests/core tests/ui || exit 1; \
	done

# The parsers of outside input (QR, forms, XLSForm, MRZ, config) with 10,000 cases each; the
# suite runs 200 each. Not part of `make test` (2 min 42 s here: 70,000 inputs, 0 crashes).
fuzz: venv
	FUZZ_EXAMPLES=10000 $(PYTEST) -q tests/core/test_fuzz_inputs.py tests/core/test_hostile_input.py

# tests/e2e drives dist/kiosk in a real X window (Xvfb + xdotool): the bundle is built first.
test: system-deps venv lint typecheck selftest-bundle package-staff
	$(BIN)/kiosk forms check
	$(BIN)/kiosk i18n check
	$(PYTEST)
	$(MAKE) test-any-day

# Every benchmarks/bench_*.py in turn, then one table of their headline figures (logs in
# build/bench/). Some need CUPS, a built bundle (`make package`) or Xvfb: see benchmarks/run_all.py.
bench: venv
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) build dist tests/artifacts
