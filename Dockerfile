# Gatewarden as a container image, for CI systems other than GitHub Actions and for pre-commit's docker_image hooks.
# The image holds only the committed, self-contained bundles (dist/cli.js, and dist/worker.js for the worker threads
# a large scan starts): nothing is installed from npm.
# git is included because discovery, --history and pull-request comparisons ask git for the file list and history.
#   docker build -t gatewarden .
#   docker run --rm -v "$PWD:/src" gatewarden scan .
# The base image is pinned by digest (Dependabot's docker ecosystem keeps the digest current); a tag alone can be
# moved to other content.
FROM node:24-alpine@sha256:ebfe2f90462722a7a4de65e91990e97fe0d401c70e0e762c5b53302f905ec1c1

RUN apk add --no-cache git

COPY --chmod=0755 dist/cli.js /opt/gatewarden/cli.js
COPY dist/worker.js dist/THIRD_PARTY_NOTICES.md LICENSE /opt/gatewarden/
RUN ln -s /opt/gatewarden/cli.js /usr/local/bin/gatewarden

# The node user (uid 1000) of the base image: the scanner needs no privilege, only read access to /src. git's
# ownership check does not stop it: Gatewarden passes safe.directory to its own git calls.
USER node
WORKDIR /src
ENTRYPOINT ["gatewarden"]
CMD ["scan", "."]
