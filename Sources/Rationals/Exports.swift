// `Matrix`, generic over its field, lives in the base module Matrices; clients of Rationals see it as before.
@_exported import Matrices
