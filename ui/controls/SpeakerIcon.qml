// A loudspeaker drawn with shapes (no icon font needed), mirrored in right-to-left layouts.
import QtQuick
import QtQuick.Shapes

Item {
    id: icon
    property color color: "black"
    implicitWidth: 40
    implicitHeight: 40
    Shape {
        anchors.centerIn: parent
        width: 36; height: 32
        transform: Scale { origin.x: 18; xScale: icon.LayoutMirroring.enabled ? -1 : 1 }
        ShapePath {
            fillColor: icon.color
            strokeColor: icon.color
            startX: 2; startY: 11
            PathLine { x: 10; y: 11 }
            PathLine { x: 19; y: 3 }
            PathLine { x: 19; y: 29 }
            PathLine { x: 10; y: 21 }
            PathLine { x: 2; y: 21 }
            PathLine { x: 2; y: 11 }
        }
        ShapePath {
            fillColor: "transparent"
            strokeColor: icon.color
            strokeWidth: 3
            startX: 24; startY: 10
            PathArc { x: 24; y: 22; radiusX: 7; radiusY: 7 }
        }
        ShapePath {
            fillColor: "transparent"
            strokeColor: icon.color
            strokeWidth: 3
            startX: 28; startY: 5
            PathArc { x: 28; y: 27; radiusX: 12; radiusY: 12 }
        }
    }
}
