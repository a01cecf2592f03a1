/*
 * kaghaz.pdf._charscan: read every character of a pdfium text page into one packed buffer.
 *
 * Written by hand because no library does it: pypdfium2 exposes pdfium's per-character calls
 * through ctypes, which costs about a microsecond per call, and a page has thousands of
 * characters and needs several calls for each.  This module makes the same calls from C.  It
 * does not link against pdfium: Python hands it the addresses of the functions that pypdfium2
 * already loaded, so both always use the same library.  kaghaz works without this module (a
 * ctypes loop in reader.py does the same, slower), and a test checks that both give the same
 * numbers.
 *
 * scan(textpage, fn_count, fn_unicode, fn_generated, fn_maperror, fn_box, fn_origin, fn_size,
 *      fn_object, fn_font, fn_angle, fn_loose, fn_matrix) -> (bytes, fonts)
 * returns FIELDS doubles per character, in the column order documented in reader.py, and the
 * tuple of the page's font addresses in order of first use: column 10 holds the index of the
 * character's font in it (read through its text object, asked only when the object changes);
 * column 11 the angle, read only for characters without a usable Unicode map (font recovery
 * checks outlines on upright glyphs), else 0; columns 12 and 13 the left and right of the loose
 * box, which spans the glyph's advance.  Column 9 is the font size as drawn: the size the PDF
 * sets (Tf) times the vertical scale of the character's matrix (text matrix and CTM), read once
 * per text object, since producers such as Nitro set size 100 and scale it down, Quartz size 1 and
 * scale it up.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>

#define FIELDS 14

typedef int (*count_fn)(void *);
typedef unsigned int (*unicode_fn)(void *, int);
typedef int (*int_fn)(void *, int);
typedef int (*box_fn)(void *, int, double *, double *, double *, double *);
typedef int (*origin_fn)(void *, int, double *, double *);
typedef double (*size_fn)(void *, int);
typedef void *(*object_fn)(void *, int);
typedef void *(*font_fn)(void *);
typedef float (*angle_fn)(void *, int);
typedef struct { float left, top, right, bottom; } rectf;
typedef int (*loose_fn)(void *, int, rectf *);
typedef struct { float a, b, c, d, e, f; } matrixf;
typedef int (*matrix_fn)(void *, int, matrixf *);

static PyObject *scan(PyObject *self, PyObject *args) {
    unsigned long long tp, a_count, a_unicode, a_generated, a_maperror, a_box, a_origin, a_size,
        a_object, a_font, a_angle, a_loose, a_matrix;
    if (!PyArg_ParseTuple(args, "KKKKKKKKKKKKK", &tp, &a_count, &a_unicode, &a_generated,
                          &a_maperror, &a_box, &a_origin, &a_size, &a_object, &a_font, &a_angle,
                          &a_loose, &a_matrix)) {
        return NULL;
    }
    void *page = (void *)(uintptr_t)tp;
    count_fn count = (count_fn)(uintptr_t)a_count;
    unicode_fn get_unicode = (unicode_fn)(uintptr_t)a_unicode;
    int_fn is_generated = (int_fn)(uintptr_t)a_generated;
    int_fn has_map_error = (int_fn)(uintptr_t)a_maperror;
    box_fn get_box = (box_fn)(uintptr_t)a_box;
    origin_fn get_origin = (origin_fn)(uintptr_t)a_origin;
    size_fn get_size = (size_fn)(uintptr_t)a_size;
    object_fn get_object = (object_fn)(uintptr_t)a_object;
    font_fn get_font = (font_fn)(uintptr_t)a_font;
    angle_fn get_angle = (angle_fn)(uintptr_t)a_angle;
    loose_fn get_loose = (loose_fn)(uintptr_t)a_loose;
    matrix_fn get_matrix = (matrix_fn)(uintptr_t)a_matrix;

    int n = count(page);
    if (n < 0) {
        n = 0;
    }
    PyObject *out = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)n * FIELDS * sizeof(double));
    if (out == NULL) {
        return NULL;
    }
    double *row = (double *)PyBytes_AS_STRING(out);
    size_t font_cap = 16, font_count = 0;
    void **fonts = (void **)PyMem_RawMalloc(font_cap * sizeof(void *));
    if (fonts == NULL) {
        Py_DECREF(out);
        return PyErr_NoMemory();
    }
    int failed = 0;
    void *last_object = NULL;
    double last_font = -1.0;
    double scale = 1.0;
    Py_BEGIN_ALLOW_THREADS
    for (int i = 0; i < n; i++, row += FIELDS) {
        double left = 0, right = 0, bottom = 0, top = 0, x = 0, y = 0;
        row[0] = (double)get_unicode(page, i);
        row[1] = (double)is_generated(page, i);
        if (row[1] == 1.0) {
            /* a character pdfium made up (a space, a line break): layout drops it, read nothing more */
            for (int k = 2; k < FIELDS; k++) {
                row[k] = 0.0;
            }
            row[10] = -1.0;
            continue;
        }
        row[2] = (double)has_map_error(page, i);
        if (!get_box(page, i, &left, &right, &bottom, &top)) {
            left = right = bottom = top = 0;
        }
        row[3] = left;
        row[4] = bottom;
        row[5] = right;
        row[6] = top;
        if (!get_origin(page, i, &x, &y)) {
            x = left;
            y = bottom;
        }
        row[7] = x;
        row[8] = y;
        void *object = get_object(page, i);
        if (object != last_object || last_font < 0) {
            matrixf m = {1, 0, 0, 1, 0, 0};
            scale = get_matrix(page, i, &m) ? sqrt((double)m.c * m.c + (double)m.d * m.d) : 1.0;
            if (!(scale > 0)) {
                scale = 1.0;
            }
            void *font = object ? get_font(object) : NULL;
            size_t k = 0;
            while (k < font_count && fonts[k] != font) {
                k++;
            }
            if (k == font_count) {
                if (font_count == font_cap) {
                    void **grown = (void **)PyMem_RawRealloc(fonts, 2 * font_cap * sizeof(void *));
                    if (grown == NULL) {
                        failed = 1;
                        break;
                    }
                    fonts = grown;
                    font_cap *= 2;
                }
                fonts[font_count++] = font;
            }
            last_object = object;
            last_font = (double)k;
        }
        row[9] = get_size(page, i) * scale;
        row[10] = last_font;
        row[11] = row[2] == 1.0 ? (double)get_angle(page, i) : 0.0;
        rectf loose = {0, 0, 0, 0};
        if (!get_loose(page, i, &loose)) {
            loose.left = (float)left;
            loose.right = (float)right;
        }
        row[12] = loose.left;
        row[13] = loose.right;
    }
    Py_END_ALLOW_THREADS
    if (failed) {
        PyMem_RawFree(fonts);
        Py_DECREF(out);
        return PyErr_NoMemory();
    }
    PyObject *addresses = PyTuple_New((Py_ssize_t)font_count);
    if (addresses == NULL) {
        PyMem_RawFree(fonts);
        Py_DECREF(out);
        return NULL;
    }
    for (size_t k = 0; k < font_count; k++) {
        PyObject *address = PyLong_FromUnsignedLongLong((unsigned long long)(uintptr_t)fonts[k]);
        if (address == NULL) {
            PyMem_RawFree(fonts);
            Py_DECREF(addresses);
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(addresses, (Py_ssize_t)k, address);
    }
    PyMem_RawFree(fonts);
    PyObject *result = PyTuple_Pack(2, out, addresses);
    Py_DECREF(out);
    Py_DECREF(addresses);
    return result;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS, "Read all characters of a pdfium text page into packed doubles."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_charscan", "Fast per-character reads from a pdfium text page.", -1,
    methods,
};

PyMODINIT_FUNC PyInit__charscan(void) { return PyModule_Create(&module); }
